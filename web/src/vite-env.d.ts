/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The router's GraphQL URL when the app is served from another origin (the router must list it in CORS_ORIGINS). */
  readonly VITE_SBOR_API?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
