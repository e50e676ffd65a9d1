/** @jsxImportSource preact */
import { useEffect, useState } from 'preact/hooks';
import type { DoorEvent } from '../api/my-events';
import { useSubscription } from '../hooks';
import { DoorI18nProvider, useDoorI18n } from '../i18n';
import { registerDoorServiceWorker } from '../pwa';
import { createDoorServices, storedEvent, storeEvent, type DoorServices } from '../services';
import { DoorServicesContext, useDoorServices } from '../services-context';
import { DoorHeader } from './door-header';
import { EventPicker } from './event-picker';
import { ScanScreen } from './scan-screen';
import { SignIn } from './sign-in';

/** The door app: sign in, pick an event, scan. */
export function DoorApp() {
  const [services, setServices] = useState<DoorServices>();
  const [update, setUpdate] = useState<() => void>();
  useEffect(() => {
    void createDoorServices().then(setServices);
    registerDoorServiceWorker((apply) => setUpdate(() => apply));
  }, []);
  return (
    <DoorI18nProvider>
      {update && <UpdateBanner onReload={update} />}
      {services ? (
        <DoorServicesContext.Provider value={services}>
          <DoorScreens />
        </DoorServicesContext.Provider>
      ) : (
        <Loading />
      )}
    </DoorI18nProvider>
  );
}

function UpdateBanner({ onReload }: { onReload: () => void }) {
  const { t } = useDoorI18n();
  return (
    <div class="door-update" role="status">
      <span>{t('door.update.ready')}</span>
      <button type="button" class="door-button" onClick={onReload}>
        {t('door.update.reload')}
      </button>
    </div>
  );
}

function Loading() {
  const { t } = useDoorI18n();
  return (
    <main id="main" class="door-main">
      <p class="door-muted">{t('door.loading')}</p>
    </main>
  );
}

/**
 * Which screen: the scanner whenever an event is chosen and a session exists or is being restored
 * (offline, a stored session cannot be renewed, yet the door must keep scanning), else the event
 * list when signed in, else the sign-in form.
 */
function DoorScreens() {
  const { session, queue } = useDoorServices();
  useSubscription(session);
  const [event, setEvent] = useState<DoorEvent | undefined>(storedEvent);
  const state = session.getState();

  useEffect(() => {
    void session.restore();
    return queue.autoSync();
  }, [session, queue]);

  const choose = (next: DoorEvent | undefined) => {
    storeEvent(next);
    setEvent(next);
  };
  const signOut = async () => {
    choose(undefined);
    await session.signOut();
  };

  let screen;
  if (state.status === 'signed-out') screen = <SignIn />;
  else if (event) screen = <ScanScreen event={event} onChangeEvent={() => choose(undefined)} />;
  else if (state.status === 'signed-in') screen = <EventPicker onPick={choose} />;
  else screen = <Loading />;

  return (
    <>
      <DoorHeader onSignOut={state.status === 'signed-out' ? undefined : signOut} />
      {screen}
    </>
  );
}
