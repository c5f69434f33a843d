// Requests of which only the newest counts: an answer (or failure) that arrives after a newer request
// was sent is dropped, so a slow old answer never overwrites a newer one. `overtake()` drops the
// answer of the request in flight without sending another.

export interface LatestRequest {
  <T>(
    request: () => Promise<T>,
    onAnswer: (answer: T) => void,
    onError: (error: unknown) => void,
  ): Promise<void>;
  overtake(): void;
}

export function latestRequest(): LatestRequest {
  let latest = 0;
  const send = async <T>(
    request: () => Promise<T>,
    onAnswer: (answer: T) => void,
    onError: (error: unknown) => void,
  ): Promise<void> => {
    const id = ++latest;
    try {
      const answer = await request();
      if (id === latest) onAnswer(answer);
    } catch (error) {
      if (id === latest) onError(error);
    }
  };
  return Object.assign(send, {
    overtake() {
      latest++;
    },
  });
}
