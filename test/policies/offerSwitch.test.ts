import { describe, expect, it } from 'vitest';
import { createOfferSwitch } from '../../src/policies/frameworks/offerSwitch.ts';

describe('offer switch', () => {
  it('suppresses once when idle and revives once when work waits', () => {
    const offers = createOfferSwitch(true);
    expect(offers.wake(5)).toEqual([]); // not suppressed: nothing to revive
    expect(offers.idle(0)).toEqual([{ kind: 'suppress' }]);
    expect(offers.idle(0)).toEqual([]);
    expect(offers.wake(0)).toEqual([]); // nothing waits
    expect(offers.wake(2)).toEqual([{ kind: 'revive' }]);
    expect(offers.wake(2)).toEqual([]);
  });

  it('never suppresses when told not to', () => {
    expect(createOfferSwitch(false).idle(0)).toEqual([]);
  });
});
