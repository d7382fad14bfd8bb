/** Components get the client from context, so tests can hand them a fake one. */
import { createContext, useContext } from 'react';
import type { Client } from '../../main/api/client';
import { api } from './index';

export const ApiContext = createContext<Client>(api);

export function useApi(): Client {
  return useContext(ApiContext);
}
