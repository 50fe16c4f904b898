import { z } from 'zod';
import {
  contractEvents,
  isEventName,
  type EventName,
  type EventPayload,
} from '../../shared/ipc/contract';
import type { Logger } from './logger';

export type EventListener = (event: EventName, payload: unknown) => void;

/** Device services emit here; each transport subscribes and forwards to its pages. */
export type EventHub = {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  subscribe(listener: EventListener): () => void;
};

export function createEventHub(logger: Logger): EventHub {
  const listeners = new Set<EventListener>();
  return {
    emit(event, payload) {
      if (!isEventName(event)) {
        logger.error(`dropped unknown event ${String(event)}`);
        return;
      }
      // Validated here so a device bug shows up in main's log, not as a silent drop on the page.
      const parsed = contractEvents[event].payload.safeParse(payload);
      if (!parsed.success) {
        logger.error(
          `dropped ${event}: payload outside the contract`,
          z.prettifyError(parsed.error),
        );
        return;
      }
      for (const listener of [...listeners]) {
        try {
          listener(event, parsed.data);
        } catch (cause) {
          logger.error(`an event listener for ${event} threw`, cause);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
