import { Table, type TableProps } from 'antd';
import type { ApiError } from '../lib/http';
import type { CursorList } from '../lib/use-cursor-list';
import { ErrorAlert } from './error-alert';
import { LoadMore } from './load-more';

/**
 * The console's one way to show a cursor-paginated list (CONVENTIONS "Only one way"): its failure
 * with a retry, the table (rows keyed by id, no page numbers) and 加载更多 below it. The rest of the
 * props are the table's (columns, scroll, locale, rowSelection, expandable, data-testid…);
 * `dataSource` only where the page shows something other than the list's items as they came, and
 * `error` for a failure of the page's own to show in the list's place.
 */
export function CursorTable<T extends { id: number }>({
  list,
  error,
  ...table
}: { list: CursorList<T>; error?: ApiError | null } & Omit<TableProps<T>, 'rowKey' | 'loading' | 'pagination'>) {
  return (
    <>
      <ErrorAlert error={error ?? list.error} onRetry={list.reload} />
      <Table<T>
        rowKey="id"
        size="middle"
        dataSource={list.items}
        loading={list.isLoading}
        pagination={false}
        {...table}
      />
      <LoadMore list={list} />
    </>
  );
}
