import { Alert, Button } from 'antd';
import { describeError, type ApiError } from '../lib/http';
import { t } from './messages';

/** The admin's one way to show a failed request, with a retry when the caller can offer one. */
export function ErrorAlert({ error, onRetry }: { error: ApiError | null; onRetry?: () => void }) {
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={describeError(error)}
      style={{ marginBottom: 16 }}
      action={
        onRetry && (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )
      }
    />
  );
}
