import { describe, expect, it } from 'vitest';
import { applyPreferencesChange, DEFAULT_PREFERENCES, planChannels } from './preferences.js';

describe('DEFAULT_PREFERENCES', () => {
  it('has in-app and email on, push off and nothing muted', () => {
    expect(DEFAULT_PREFERENCES).toEqual({ inApp: true, email: true, push: false, mutedTypes: [] });
  });
});

describe('planChannels', () => {
  it('follows each channel switch', () => {
    expect(planChannels(DEFAULT_PREFERENCES, 'TICKET_PURCHASED')).toEqual({ inApp: true, email: true, push: false });
    expect(planChannels({ ...DEFAULT_PREFERENCES, push: true, email: false }, 'EVENT_REMINDER')).toEqual({ inApp: true, email: false, push: true });
  });

  it('sends a muted type nowhere at all', () => {
    expect(planChannels({ ...DEFAULT_PREFERENCES, push: true, mutedTypes: ['EVENT_REMINDER'] }, 'EVENT_REMINDER')).toBeNull();
    expect(planChannels({ ...DEFAULT_PREFERENCES, mutedTypes: ['EVENT_REMINDER'] }, 'EVENT_CANCELLED')).not.toBeNull();
  });

  it('with in-app off still emails and pushes where enabled', () => {
    expect(planChannels({ ...DEFAULT_PREFERENCES, inApp: false, push: true }, 'EVENT_CANCELLED')).toEqual({ inApp: false, email: true, push: true });
  });

  it('with every channel off plans nothing', () => {
    expect(planChannels({ inApp: false, email: false, push: false, mutedTypes: [] }, 'EVENT_CANCELLED')).toBeNull();
  });
});

describe('applyPreferencesChange', () => {
  it('keeps omitted and null fields and replaces the muted list, once each, in enum order', () => {
    const next = applyPreferencesChange(DEFAULT_PREFERENCES, {
      push: true,
      email: null,
      mutedTypes: ['EVENT_REMINDER', 'TICKET_PURCHASED', 'EVENT_REMINDER'],
    });
    expect(next).toEqual({ inApp: true, email: true, push: true, mutedTypes: ['TICKET_PURCHASED', 'EVENT_REMINDER'] });
    expect(applyPreferencesChange(next, { mutedTypes: [] }).mutedTypes).toEqual([]);
  });
});
