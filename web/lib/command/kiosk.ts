/**
 * Kiosk mode of the wall screen (/command?kiosk=1): the device token from pairing lives in
 * localStorage; whenever the screen has no session (first start, expiry, server restart) it
 * trades the token for one (POST /api/command/screen-session) and carries on. The wall never
 * goes to /login: without a valid token it shows the pairing screen instead.
 *
 * ## Usage
 * const session = new ScreenSession(kioskMode);
 * session.takePairingFromUrl();              // '#pair=dtk_…' after first pairing
 * const me = await session.call<Me>('/api/auth/me');
 */
import { api, ApiError } from '../api.ts';

const STORAGE_KEY = 'dt.command.deviceToken';
const TOKEN = /^dtk_[A-Za-z0-9_-]{43}$/;

/** The device token could not open a session (revoked, or never paired): show pairing. */
export class NotPairedError extends Error {
  constructor(readonly revoked: boolean) {
    super('not paired');
  }
}

export class ScreenSession {
  readonly kiosk: boolean;
  #renewing: Promise<void> | undefined;

  constructor(kiosk: boolean) {
    this.kiosk = kiosk;
  }

  get deviceToken(): string | null {
    const token = localStorage.getItem(STORAGE_KEY);
    return token && TOKEN.test(token) ? token : null;
  }

  /** Keep a token handed over in the address ('#pair=…', never sent to a server) and clear it from the bar. */
  takePairingFromUrl(): void {
    const match = /(?:^|[#&])pair=(dtk_[A-Za-z0-9_-]{43})/.exec(location.hash);
    if (!match) return;
    localStorage.setItem(STORAGE_KEY, match[1]!);
    history.replaceState(history.state, '', `${location.pathname}${location.search}`);
  }

  /** Pair by a code typed or pasted on the screen. */
  async pair(code: string): Promise<void> {
    const token = code.trim();
    if (!TOKEN.test(token)) throw new NotPairedError(false);
    localStorage.setItem(STORAGE_KEY, token);
    await this.renew();
  }

  /** Open a new session with the device token (one at a time). */
  renew(): Promise<void> {
    this.#renewing ??= (async () => {
      const token = this.deviceToken;
      if (!token) throw new NotPairedError(false);
      try {
        await api('/api/command/screen-session', { method: 'POST', json: { token } });
      } catch (error) {
        if (error instanceof ApiError && (error.status === 401 || error.status === 400)) {
          localStorage.removeItem(STORAGE_KEY);
          throw new NotPairedError(true);
        }
        throw error;
      }
    })().finally(() => (this.#renewing = undefined));
    return this.#renewing;
  }

  /**
   * An API call that, in kiosk mode, renews an ended session once and retries. Network failures
   * surface as ApiError status 0 (the caller shows "offline since" and tries again later).
   */
  async call<T>(path: string, init: Parameters<typeof api>[1] = {}): Promise<T> {
    try {
      return await api<T>(path, init);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401 || !this.kiosk) throw error;
      await this.renew();
      return api<T>(path, init);
    }
  }
}
