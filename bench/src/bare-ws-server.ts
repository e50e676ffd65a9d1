/** Baseline for the idle-socket benchmark: a bare `ws` server that accepts and holds connections. */
import { WebSocketServer } from 'ws';

const port = Number(process.env.BARE_WS_PORT ?? 0);
const wss = new WebSocketServer({ host: '127.0.0.1', port });
wss.on('listening', () => process.stdout.write(`listening ${port}\n`));
wss.on('connection', (socket) => socket.on('message', () => {}));
process.on('SIGTERM', () => wss.close(() => process.exit(0)));
