import { z } from 'zod';
import {
  parseConfig,
  portVariable,
  sharedVariables,
  sizeInBytes,
  strongSecretsInProduction,
  webSocketLimits,
  webSocketVariables,
  type WebSocketLimits,
} from '@sbor/core';
import type { ServingSettings, SettingsModel } from './define.js';
import { SUBGRAPH_BODY_LIMIT } from './server.js';

/** The variables every subgraph serves by: its port, the interface, the mode and the router secret. */
export function servingVariables<const N extends string>(name: N, port: number) {
  const { HOST, NODE_ENV, ROUTER_SECRET } = sharedVariables;
  return { ...portVariable(name, port), HOST, NODE_ENV, ROUTER_SECRET };
}

/** The serving part of a service's settings, from the parsed values of `servingVariables(name, …)`. */
export function servingSettings<const N extends string>(
  name: N,
  values: Record<`${Uppercase<N>}_PORT`, number> & { HOST: string; NODE_ENV: string; ROUTER_SECRET: string },
): ServingSettings {
  const port = (values as Record<string, unknown>)[`${name.toUpperCase()}_PORT`] as number;
  return { port, host: values.HOST, production: values.NODE_ENV === 'production', routerSecret: values.ROUTER_SECRET };
}

/**
 * A service's settings model: its variables (each `describe`d, so the README's table is generated
 * from them), an optional cross-field check, and the settings they become. Every secret variable
 * (`secretVariable`) is held to production strength when `NODE_ENV=production`.
 */
export function settingsModel<V extends Record<string, z.ZodType>, S extends ServingSettings>(
  variables: V,
  toSettings: (values: z.infer<z.ZodObject<V>>) => S,
  refine?: (values: z.infer<z.ZodObject<V>>, ctx: z.RefinementCtx) => void,
): SettingsModel<S> {
  const secrets = strongSecretsInProduction(variables);
  const schema = z
    .object(variables)
    .superRefine((values, ctx) => {
      secrets(values, ctx);
      refine?.(values, ctx);
    })
    .transform(toSettings) as unknown as z.ZodType<S>;
  return { variables, schema, load: (source) => parseConfig(schema, source) };
}

/** The graphql-ws limits of a service that serves subscriptions; spread into its variables. */
export const webSocketServingVariables = webSocketVariables;

/** Its limits from the parsed values; frames are held to the HTTP body limit. */
export function webSocketSettings(values: Parameters<typeof webSocketLimits>[0]): WebSocketLimits {
  return webSocketLimits(values, sizeInBytes(SUBGRAPH_BODY_LIMIT));
}
