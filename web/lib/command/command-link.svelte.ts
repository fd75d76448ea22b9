/**
 * The wall screen's live link: the one LiveConnection (web/lib/live/) with the kiosk session
 * (renewed by ScreenSession instead of going to /login), the scope's retained snapshot topics
 * (the current figures arrive at once) and faster retries.
 *
 * ## Usage
 * const link = new CommandLink({ session, lastSeq, snapshotTopics, onEvent, onSnapshot, onOnline });
 * link.start(); … link.stop();
 */
import type { EventEnvelope } from '$shared/events.ts';
import type { CommandSnapshot } from '$shared/command.ts';
import { snapshotTopicPath } from '$shared/topics.ts';
import { ApiError } from '../api.ts';
import { LiveConnection, type LiveStatus } from '../live/live-connection.svelte.ts';
import { NotPairedError, type ScreenSession } from './kiosk.ts';

export type LinkStatus = LiveStatus;

export interface CommandLinkOptions {
  session: ScreenSession;
  lastSeq: string;
  snapshotTopics: string[];
  onEvent: (event: EventEnvelope) => void;
  onSnapshot: (path: string, snapshot: CommandSnapshot) => void;
  /** After each (re)connection, once the gap is filled. */
  onOnline?: () => void;
  /** The session cannot be renewed (not a kiosk, or the screen was unpaired). */
  onUnauthorized: (error: unknown) => void;
}

/** The live link of pages, with the wall screen's session, snapshot topics and faster retries. */
export class CommandLink extends LiveConnection {
  constructor(options: CommandLinkOptions) {
    super({
      lastSeq: options.lastSeq,
      onEvent: options.onEvent,
      call: (path, init) => options.session.call(path, init),
      isUnauthorized: (error) => error instanceof NotPairedError || (error instanceof ApiError && error.status === 401),
      onUnauthorized: options.onUnauthorized,
      extraTopics: options.snapshotTopics,
      onExtraMessage: (topic, payload) => {
        const path = snapshotTopicPath(topic);
        if (!path) return false;
        options.onSnapshot(path, JSON.parse(payload.toString()) as CommandSnapshot);
        return true;
      },
      onOnline: options.onOnline,
      clientIdPrefix: 'wall',
      maxBackoffMs: 10_000
    });
  }
}
