import { Button } from 'antd';
import { t } from './messages';
import type { CursorList } from '../lib/use-cursor-list';

/** Lists are cursor-paginated (CONVENTIONS "Only one way"): the next page is appended on demand. */
export function LoadMore({ list, testId }: { list: CursorList<unknown>; testId?: string }) {
  if (!list.hasMore || list.isLoading) return null;
  return (
    <div style={{ textAlign: 'center', marginTop: 16 }}>
      <Button onClick={list.loadMore} loading={list.isLoadingMore} data-testid={testId}>
        {t('common.loadMore')}
      </Button>
    </div>
  );
}
