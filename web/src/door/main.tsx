/** @jsxImportSource preact */
import { render } from 'preact';
import { DoorApp } from '@/features/door/components/door-app';
import './door.css';

/** The door app's entry (door.html, served at /door): Preact, fetch, WebCrypto, no GraphQL client. */
render(<DoorApp />, document.getElementById('door')!);
