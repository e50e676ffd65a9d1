import type { Platform } from './platform.js';

export interface BannerFacts {
  /** `process.version` of the process that runs Sbor: the pinned Node, not the system one. */
  nodeVersion: string;
  mode: Platform['mode'];
  routerUrl: string;
  seconds: string;
  dataDir: string;
}

/** What `npm start` prints once everything answers: where to go and which Node it runs on. */
export function startBanner({ nodeVersion, mode, routerUrl, seconds, dataDir }: BannerFacts): string {
  return (
    [
      `Sbor is running on Node ${nodeVersion} (${mode} mode, started in ${seconds} s).`,
      `  Web app: ${routerUrl.replace(/graphql$/, '')}`,
      `  GraphQL + Apollo Sandbox: ${routerUrl}`,
      mode === 'embedded' ? `  Data is kept in ${dataDir}/ (delete it to start over).` : '',
      '  Stop with Ctrl+C.',
    ]
      .filter(Boolean)
      .join('\n') + '\n'
  );
}
