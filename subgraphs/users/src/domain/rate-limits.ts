import { checkRateLimit, type Cache, type RateLimitRule } from '@sbor/cache';
import { AppError, ErrorCode, type Logger } from '@sbor/core';

export interface RateLimitSettings {
  /** Failed sign-ins allowed for one email from one client IP per window. */
  loginPerEmail: number;
  /** Failed sign-ins allowed from one client IP per window, whatever the email. */
  loginPerIp: number;
  /** Failed sign-ins allowed for one email from every IP together, before unknown IPs must wait. */
  loginPerAccount: number;
  registerPerIp: number;
  refreshPerIp: number;
}

export interface RateLimits {
  /** Refuses a sign-in whose subject already failed too often; counts nothing itself. */
  beforeLogin(email: string, clientIp: string | undefined): Promise<void>;
  loginFailed(email: string, clientIp: string | undefined): Promise<void>;
  /** Forgives this IP's failures for the email and remembers the IP as one the owner uses. */
  loginSucceeded(email: string, clientIp: string | undefined): Promise<void>;
  register(clientIp: string | undefined): Promise<void>;
  /**
   * Whether another account email may go to `email`: per IP and per address, so nobody floods a
   * mailbox. Silent, never a refusal, since a refusal would tell a taken address from a free one.
   */
  accountEmail(email: string, clientIp: string | undefined): Promise<boolean>;
  refresh(clientIp: string | undefined): Promise<void>;
}

const LOGIN_WINDOW_SECONDS = 15 * 60;
/** How long an IP that signed in to an account stays exempt from that account's global limit. */
const KNOWN_IP_SECONDS = 30 * 86_400;

const tooMany = (retryAfterSeconds: number) =>
  new AppError(ErrorCode.RATE_LIMITED, `Too many attempts. Try again in ${retryAfterSeconds} seconds.`, { retryAfterSeconds });

/**
 * Counters live in Redis in full mode, so every replica counts the same attempts.
 *
 * Sign-in counts failures only (OWASP Authentication Cheat Sheet, "Protect against automated
 * attacks"): per (email, IP), per IP, and per email over every IP. The last one would let anyone
 * lock an owner out by guessing from many addresses, so an IP the owner signed in from within 30
 * days is exempt from it; only the first two, which the attacker cannot raise for the owner's own
 * IP, apply there.
 */
export function createRateLimits(cache: Cache, settings: RateLimitSettings, logger: Logger): RateLimits {
  const onError = (error: unknown) => logger.warn({ err: error }, 'rate limit cache unavailable; allowing request');
  const rules = {
    loginEmailIp: { name: 'login-fail:email-ip', limit: settings.loginPerEmail, windowSeconds: LOGIN_WINDOW_SECONDS },
    loginIp: { name: 'login-fail:ip', limit: settings.loginPerIp, windowSeconds: LOGIN_WINDOW_SECONDS },
    loginAccount: { name: 'login-fail:email', limit: settings.loginPerAccount, windowSeconds: LOGIN_WINDOW_SECONDS },
    registerIp: { name: 'register:ip', limit: settings.registerPerIp, windowSeconds: 60 * 60 },
    accountEmailIp: { name: 'account-email:ip', limit: settings.registerPerIp, windowSeconds: 60 * 60 },
    accountEmail: { name: 'account-email:email', limit: 5, windowSeconds: 60 * 60 },
    refreshIp: { name: 'refresh:ip', limit: settings.refreshPerIp, windowSeconds: 60 },
  } satisfies Record<string, RateLimitRule>;
  const key = (rule: RateLimitRule, subject: string) => `ratelimit:${rule.name}:${subject}`;
  const knownIpKey = (email: string, ip: string) => `login-known-ip:${email}:${ip}`;

  const enforce = async (rule: RateLimitRule, subject: string | undefined) => {
    if (!subject) return;
    const result = await checkRateLimit(cache, rule, subject, onError);
    if (!result.allowed) throw tooMany(result.retryAfterSeconds);
  };

  /** Reads a failure counter without adding to it; a cache outage reads as zero, as in `checkRateLimit`. */
  const failures = async (rule: RateLimitRule, subject: string): Promise<number> => {
    try {
      return Number((await cache.get(key(rule, subject))) ?? 0);
    } catch (error) {
      onError(error);
      return 0;
    }
  };
  const isKnownIp = async (email: string, ip: string) => {
    try {
      return (await cache.get(knownIpKey(email, ip))) !== null;
    } catch (error) {
      onError(error);
      return false;
    }
  };
  const count = async (rule: RateLimitRule, subject: string) => {
    await cache.hit(key(rule, subject), rule.windowSeconds).catch(onError);
  };

  return {
    beforeLogin: async (email, ip) => {
      const refused =
        (ip !== undefined && (await failures(rules.loginIp, ip)) >= rules.loginIp.limit) ||
        (await failures(rules.loginEmailIp, `${email}|${ip ?? ''}`)) >= rules.loginEmailIp.limit ||
        ((await failures(rules.loginAccount, email)) >= rules.loginAccount.limit && !(ip && (await isKnownIp(email, ip))));
      // The counters' expiry is not readable through the cache; a whole window is the honest upper bound.
      if (refused) throw tooMany(LOGIN_WINDOW_SECONDS);
    },
    loginFailed: async (email, ip) => {
      await Promise.all([
        ip === undefined ? undefined : count(rules.loginIp, ip),
        count(rules.loginEmailIp, `${email}|${ip ?? ''}`),
        count(rules.loginAccount, email),
      ]);
    },
    loginSucceeded: async (email, ip) => {
      await cache.del(key(rules.loginEmailIp, `${email}|${ip ?? ''}`)).catch(onError);
      if (ip) await cache.set(knownIpKey(email, ip), '1', KNOWN_IP_SECONDS).catch(onError);
    },
    register: (ip) => enforce(rules.registerIp, ip),
    accountEmail: async (email, ip) => {
      const byIp = ip === undefined || (await checkRateLimit(cache, rules.accountEmailIp, ip, onError)).allowed;
      return byIp && (await checkRateLimit(cache, rules.accountEmail, email, onError)).allowed;
    },
    refresh: (ip) => enforce(rules.refreshIp, ip),
  };
}
