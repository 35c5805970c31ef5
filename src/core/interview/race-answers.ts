import type { AnswerAction, AnswerSource } from '../../model/events.js';

/**
 * Several ways to answer at once (speaking or typing): the first answer wins and the
 * others are told to stop through their signal.
 */
export function raceAnswers(...sources: AnswerSource[]): AnswerSource {
  return {
    async next({ questionNumber, signal }) {
      const racers = sources.map((source) => ({ source, controller: new AbortController() }));
      const onAbort = () => racers.forEach((r) => r.controller.abort());
      signal.addEventListener('abort', onAbort, { once: true });
      try {
        return await Promise.race(
          racers.map((racer) =>
            racer.source
              .next({ questionNumber, signal: AbortSignal.any([signal, racer.controller.signal]) })
              .then((a): AnswerAction => {
                racers.forEach((other) => other !== racer && other.controller.abort());
                return a;
              }),
          ),
        );
      } finally {
        signal.removeEventListener('abort', onAbort);
      }
    },
  };
}
