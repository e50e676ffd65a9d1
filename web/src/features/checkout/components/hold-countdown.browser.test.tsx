import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-react';
import { I18nProvider } from '@/lib/i18n';
import { HoldCountdown } from './hold-countdown';

const START = new Date('2026-05-01T12:00:00Z');
const inSeconds = (seconds: number) => new Date(START.getTime() + seconds * 1000).toISOString();

function renderCountdown(expiresAt: string, onExpire = vi.fn()) {
  localStorage.setItem('sbor.locale', 'en');
  return render(
    <I18nProvider>
      <HoldCountdown expiresAt={expiresAt} onExpire={onExpire} />
    </I18nProvider>,
  );
}

/** The polite live region: what a screen reader is told. */
const liveRegion = (container: HTMLElement) => container.querySelector('[aria-live="polite"]')!;

describe('HoldCountdown', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    vi.setSystemTime(START);
  });
  afterEach(() => {
    vi.useRealTimers();
    localStorage.clear();
  });

  it('shows the time left as minutes and seconds, and counts down every second', async () => {
    const screen = await renderCountdown(inSeconds(5 * 60 + 3));
    const timer = screen.getByRole('timer');
    await expect.element(timer).toHaveTextContent('5:03');
    await vi.advanceTimersByTimeAsync(1000);
    await expect.element(timer).toHaveTextContent('5:02');
    await vi.advanceTimersByTimeAsync(62_000);
    await expect.element(timer).toHaveTextContent('4:00');
  });

  it('announces the time left at a few moments only, politely', async () => {
    const screen = await renderCountdown(inSeconds(62));
    const region = liveRegion(screen.container);
    await vi.advanceTimersByTimeAsync(1000);
    expect(region.textContent).toBe(''); // 61 s: nothing to say
    await vi.advanceTimersByTimeAsync(1000);
    expect(region.textContent).toBe('1 minute left to pay for your tickets.');
    await vi.advanceTimersByTimeAsync(5000);
    expect(region.textContent).toBe('1 minute left to pay for your tickets.'); // unchanged between moments
    await vi.advanceTimersByTimeAsync(25_000);
    expect(region.textContent).toBe('30 seconds left to pay for your tickets.');
  });

  it('says the reservation has expired at 0, tells the page once, and stops', async () => {
    const onExpire = vi.fn();
    const screen = await renderCountdown(inSeconds(3), onExpire);
    await expect.element(screen.getByRole('timer')).toHaveTextContent('0:03');
    await vi.advanceTimersByTimeAsync(3000);
    await expect.element(screen.getByText('The reservation has expired.', { exact: true }).first()).toBeVisible();
    expect(screen.getByRole('timer').query()).toBeNull();
    expect(liveRegion(screen.container).textContent).toBe('The reservation has expired.');
    await vi.advanceTimersByTimeAsync(5000);
    expect(onExpire).toHaveBeenCalledTimes(1);
  });

  it('shows an already ended hold as expired', async () => {
    const screen = await renderCountdown(inSeconds(-10));
    await expect.element(screen.getByText('The reservation has expired.').first()).toBeVisible();
  });

  it('shows a hold of days (an offline payment) as its end date rather than a clock', async () => {
    const screen = await renderCountdown(inSeconds(3 * 24 * 3600));
    await expect.element(screen.getByText(/Your tickets are held until 4 May 2026/)).toBeVisible();
  });
});
