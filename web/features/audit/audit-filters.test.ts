import { describe, expect, it } from 'vitest';
import { readFilters } from './audit-filters';

describe('audit link filters', () => {
  it('keeps the values the API accepts', () => {
    expect(
      readFilters(
        new URLSearchParams('action=org.&entity_type=org&entity_id=126&account_id=5&from=2024-02-29&to=2025-03-10'),
      ),
    ).toEqual({
      action: 'org.',
      entity_type: 'org',
      entity_id: '126',
      account_id: '5',
      from: '2024-02-29',
      to: '2025-03-10',
    });
  });

  it('ignores dates that do not exist and ids that are not positive whole numbers', () => {
    expect(readFilters(new URLSearchParams('from=bogus&to=2025-02-30&account_id=abc&entity_type=org'))).toEqual({
      entity_type: 'org',
    });
    expect(readFilters(new URLSearchParams('from=2025-13-01&account_id=0'))).toEqual({});
    expect(readFilters(new URLSearchParams('account_id=99999999999&to=2023-02-29'))).toEqual({});
  });
});
