/** Handlers of the column-mapping wizard's channels: each calls the mapping service. */
import type { Channel } from '../contract';
import type { Handlers } from '../handlers';
import type { Services } from '../../services/index';

type MappingChannel = Extract<Channel, `mapping.${string}`>;

export function createMappingHandlers(s: Services): Pick<Handlers, MappingChannel> {
  return {
    'mapping.open': (i) => s.mapping.open(i),
    'mapping.recognize': (i) => s.mapping.recognize(i),
    'mapping.dryRun': (i) => s.mapping.dryRun(i),
    'mapping.commit': (i) => s.mapping.commit(i),
    'mapping.cancel': () => s.mapping.cancel(),
    'mapping.list': () => s.mapping.list(),
    'mapping.get': (i) => s.mapping.get(i),
    'mapping.save': (i) => s.mapping.save(i),
    'mapping.delete': (i) => s.mapping.remove(i),
  };
}
