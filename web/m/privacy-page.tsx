import { MobilePage } from './mobile-page';
import { t } from './privacy-messages';

const SECTIONS = [
  ['privacy.whoTitle', 'privacy.who'],
  ['privacy.whatTitle', 'privacy.what'],
  ['privacy.limitsTitle', 'privacy.limits'],
  ['privacy.keepTitle', 'privacy.keep'],
  ['privacy.rightsTitle', 'privacy.rights'],
  ['privacy.declineTitle', 'privacy.decline'],
] as const;

/** The full notice that phone sign-in links to (/m/privacy). */
export function PrivacyPage() {
  return (
    <MobilePage title={t('privacy.title')}>
      <article
        data-testid="m-privacy"
        style={{ margin: 12, padding: '4px 16px 16px', background: '#fff', borderRadius: 12, lineHeight: 1.7 }}
      >
        <p style={{ fontSize: 15 }}>{t('privacy.intro')}</p>
        {SECTIONS.map(([title, body]) => (
          <section key={title}>
            <h2 style={{ fontSize: 16, margin: '16px 0 4px' }}>{t(title)}</h2>
            <p style={{ fontSize: 15, margin: 0, color: '#333' }}>{t(body)}</p>
          </section>
        ))}
      </article>
    </MobilePage>
  );
}
