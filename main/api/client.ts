/**
 * The typed client the renderer (and tests) use. A transport moves `{channel, input}` to a host
 * and brings back the envelope; the client adds the types from the contract.
 */
import type { Channel, ChannelInput, ChannelOutput } from './contract';
import type { Result } from './result';

export interface Transport {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
}

export interface Client {
  invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>;
}

export function createClient(transport: Transport): Client {
  return {
    invoke: (channel, input) => transport.invoke(channel, input) as never,
  };
}
