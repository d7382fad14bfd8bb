/** Handlers of the inventory, grading and scheme channels: each calls one service. */
import type { Channel } from '../contract';
import type { Handlers } from '../handlers';
import type { Services } from '../../services/index';
import type { schemesContract } from '../contract/schemes';

type InventoryChannel = Exclude<Extract<Channel, `inventory.${string}` | `scheme.${string}`>, keyof typeof schemesContract>;

export function createInventoryHandlers(s: Services): Pick<Handlers, InventoryChannel> {
  return {
    'inventory.tree': () => s.inventory.tree(),
    'inventory.query': (i) => s.inventory.query(i),
    'inventory.get': (i) => s.inventory.get(i.id),
    'inventory.createSystem': (i) => s.inventory.createSystem(i),
    'inventory.updateSystem': (i) => s.inventory.updateSystem(i),
    'inventory.createResource': (i) => s.inventory.createResource(i),
    'inventory.createItem': (i) => s.inventory.createItem(i),
    'inventory.update': (i) => s.inventory.update(i.id, i.changes),
    'inventory.bulkUpdate': (i) => s.inventory.bulkUpdate(i.selection, i.changes),
    'inventory.confirmLevels': (i) => s.inventory.confirmLevels(i.selection),
    'inventory.delete': (i) => s.inventory.delete(i.selection),
    'inventory.restore': (i) => s.inventory.restore(i.selection),
    'inventory.undo': () => s.inventory.undo(),
    'inventory.redo': () => s.inventory.redo(),
    'inventory.undoState': () => s.inventory.undoState(),
    'inventory.regrade': () => s.inventory.regrade(),
    'scheme.list': () => s.scheme.list(),
    'scheme.get': (i) => s.scheme.get(i.id, i.version),
    'scheme.import': (i) => s.scheme.import(i.json),
    'scheme.activate': (i) => s.scheme.activate(i.id, i.version),
  };
}
