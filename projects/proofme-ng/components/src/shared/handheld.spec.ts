import { isHandheldDevice } from './handheld';

const DESKTOP = { ANDROID: false, IOS: false };

describe('isHandheldDevice', () => {
  it('takes a "Mac" with more than one touch point for an iPad, without "Safari" in the UA (in-app browser)', () => {
    const navigator = {
      userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
      maxTouchPoints: 5,
    };
    expect(isHandheldDevice(navigator, DESKTOP)).toBe(true);
  });

  it('keeps a desktop Mac (no touch) a desktop', () => {
    const navigator = {
      userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15',
      maxTouchPoints: 0,
    };
    expect(isHandheldDevice(navigator, DESKTOP)).toBe(false);
  });

  it('keeps a Windows touch laptop a desktop', () => {
    expect(isHandheldDevice({ userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)', maxTouchPoints: 10 }, DESKTOP)).toBe(false);
  });

  it('trusts the platform for Android and iOS', () => {
    expect(isHandheldDevice({ userAgent: '', maxTouchPoints: 0 }, { ANDROID: true, IOS: false })).toBe(true);
    expect(isHandheldDevice({ userAgent: '', maxTouchPoints: 0 }, { ANDROID: false, IOS: true })).toBe(true);
  });
});
