import type { AnswerAction, AnswerSource } from '../../model/events.js';

/**
 * Several ways to answer at once (speaking or typing): the first answer wins and the
 * others are told to stop through their signal.
 */
export function raceAnswers(...sources: AnswerSource[]): AnswerSource {
  return {
    async next({ questionNumber, signal }) {
      const controllers = sources.map(() => new AbortController());
      const onAbort = () => controllers.forEach((c) => c.abort());
      signal.addEventListener('abort', onAbort, { once: true });
      try {
        return await Promise.race(
          sources.map((s, i) =>
            s
              .next({ questionNumber, signal: AbortSignal.any([signal, controllers[i].signal]) })
              .then((a): AnswerAction => {
                controllers.forEach((c, j) => j !== i && c.abort());
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
