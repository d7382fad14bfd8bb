/** Handlers of the keys and filing-package channels: each calls one service. */
import type { Channel } from '../contract';
import type { Handlers } from '../handlers';
import type { Services } from '../../services/index';

type PackageChannel = Extract<Channel, `keys.${string}` | `package.${string}`>;

export function createPackageHandlers(s: Services): Pick<Handlers, PackageChannel> {
  return {
    'keys.status': () => s.keys.status(),
    'keys.generate': () => s.keys.generate(),
    'keys.exportPublic': (i) => s.keys.exportPublic(i),
    'keys.backup': (i) => s.keys.backup(i),
    'keys.restore': (i) => s.keys.restore(i),
    'keys.importCounterpart': (i) => s.keys.importCounterpart(i),
    'keys.readPublicKey': (i) => s.keys.readPublicKey(i),
    'keys.revokeCounterpart': (i) => s.keys.revokeCounterpart(i.fingerprint),
    'package.build': (i) => s.packages.build(i),
    'package.history': () => s.packages.history(),
    'package.withdraw': (i) => s.packages.withdraw(i),
    'package.verify': (i) => s.packages.verify(i),
    'package.accept': (i) => s.packages.accept(i),
    'package.accepted': (i) => s.packages.accepted(i),
  };
}
