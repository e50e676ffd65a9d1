import { checkRateLimit, type Cache, type RateLimitRule } from '@sbor/cache';
import { AppError, ErrorCode, type Logger } from '@sbor/core';

export interface RateLimitSettings {
  loginPerEmail: number;
  loginPerIp: number;
  registerPerIp: number;
  refreshPerIp: number;
}

export interface RateLimits {
  login(email: string, clientIp: string | undefined): Promise<void>;
  register(clientIp: string | undefined): Promise<void>;
  refresh(clientIp: string | undefined): Promise<void>;
}

/** Counters live in Redis in full mode, so every replica counts the same attempts. */
export function createRateLimits(cache: Cache, settings: RateLimitSettings, logger: Logger): RateLimits {
  const onError = (error: unknown) => logger.warn({ err: error }, 'rate limit cache unavailable; allowing request');
  const rules = {
    loginEmail: { name: 'login:email', limit: settings.loginPerEmail, windowSeconds: 15 * 60 },
    loginIp: { name: 'login:ip', limit: settings.loginPerIp, windowSeconds: 15 * 60 },
    registerIp: { name: 'register:ip', limit: settings.registerPerIp, windowSeconds: 60 * 60 },
    refreshIp: { name: 'refresh:ip', limit: settings.refreshPerIp, windowSeconds: 60 },
  } satisfies Record<string, RateLimitRule>;

  const enforce = async (rule: RateLimitRule, subject: string | undefined) => {
    if (!subject) return;
    const result = await checkRateLimit(cache, rule, subject, onError);
    if (!result.allowed) {
      throw new AppError(ErrorCode.RATE_LIMITED, `Too many attempts. Try again in ${result.retryAfterSeconds} seconds.`, {
        retryAfterSeconds: result.retryAfterSeconds,
      });
    }
  };

  return {
    login: async (email, ip) => {
      await enforce(rules.loginIp, ip);
      await enforce(rules.loginEmail, email);
    },
    register: (ip) => enforce(rules.registerIp, ip),
    refresh: (ip) => enforce(rules.refreshIp, ip),
  };
}
