/**
 * Load on mount and when inputs change: the one place for what every view did by hand (an effect,
 * a call, a `live` flag so that an answer arriving after unmount or after a newer call is dropped).
 */
import { useEffect, useRef, type DependencyList } from 'react';
import type { Channel, ChannelInput, ChannelOutput } from '../../main/api/contract';
import type { Result } from '../../main/api/result';
import { useApi } from './context';

/**
 * Call `channel` with `input` when the component mounts and whenever `deps` change; give the
 * answer to `onResult` unless the component has gone or a newer call has started since. A null
 * `input` skips the call (nothing to load yet). `onResult` is the latest one passed (it need not
 * be in `deps`); `input` is read when the call is made, so what it depends on belongs in `deps`.
 */
export function useInvokeEffect<C extends Channel>(channel: C, input: ChannelInput<C> | null, onResult: (r: Result<ChannelOutput<C>>) => void, deps: DependencyList): void {
  const client = useApi();
  const handler = useRef(onResult);
  handler.current = onResult;
  const latest = useRef(input);
  latest.current = input;
  useEffect(() => {
    const i = latest.current;
    if (i === null) return;
    let live = true;
    void client.invoke(channel, i).then((r) => {
      if (live) handler.current(r);
    });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, channel, ...deps]);
}
