import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { DoorServices } from './services';

export const DoorServicesContext = createContext<DoorServices | null>(null);

export function useDoorServices(): DoorServices {
  const services = useContext(DoorServicesContext);
  if (!services) throw new Error('useDoorServices must be used inside <DoorServicesContext.Provider>.');
  return services;
}
