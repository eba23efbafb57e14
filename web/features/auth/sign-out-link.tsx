import { Button } from 'antd';
import { t } from './messages';
import { logOut } from './api';
import { useSession } from './session';

export function SignOutLink() {
  const { setMe } = useSession();
  return (
    <Button
      type="link"
      block
      onClick={() =>
        void logOut()
          .catch(() => undefined)
          .then(() => setMe(null))
      }
    >
      {t('auth.logout')}
    </Button>
  );
}
