// The shell's commands (src-tauri/src/commands.rs), typed. Each rejects with a UiError.
import { invoke } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import type { Doc } from './till';

export interface Session {
  shop: string;
  currency: string;
  user: string;
  role: string;
  locale: string;
}

export const session = () => invoke<Session>('session');
export const quoteSale = (draft: object, locale: string) => invoke<Doc>('quote_sale', { draft, locale });
export const postSale = (draft: object, locale: string) => invoke<Doc>('post_sale', { draft, locale });

export function onStockChanged(handler: (e: { doc_no: string; skus: string[] }) => void): Promise<UnlistenFn> {
  return listen<{ doc_no: string; skus: string[] }>('stock-changed', (event) => handler(event.payload));
}
