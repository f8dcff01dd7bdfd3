import { useEffect, useState } from 'react';
import { api } from '../api/client.ts';

export type CityItem = {
  readonly code: string;
  readonly name: string;
  readonly priceCents: number | null;
  readonly referenceLabel: string | null;
};

/** The other-city-receivables catalog (PAY-3). */
export function useCityItems(): readonly CityItem[] {
  const [items, setItems] = useState<readonly CityItem[]>([]);
  useEffect(() => {
    void api.GET('/api/city-receivables').then(({ data }) => setItems(data?.items ?? []));
  }, []);
  return items;
}
