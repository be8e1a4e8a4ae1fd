import { Link } from 'react-router';
import { useT } from '../i18n/useT.ts';
import { InboxLink } from '../inbox/InboxLink.tsx';
import { useShownIdentity } from '../state/useIdentity.ts';
import { useSession } from '../state/session.ts';
import { ConnectionIndicator } from './ConnectionIndicator.tsx';
import { LanguageSelect } from './LanguageSelect.tsx';

/** The app bar: home link, connection status, who you are, language. */
export function Header() {
  const t = useT();
  const me = useShownIdentity();
  const openNameDialog = useSession((s) => s.openNameDialog);
  return (
    <header className="app-header">
      <div className="app-header__inner">
        <Link to="/" className="brand">
          <span className="brand__mark" aria-hidden="true" />
          {t('header.home')}
        </Link>
        <ConnectionIndicator />
        <div className="app-header__tools">
          <InboxLink />
          {me.name && (
            <span className="me" title={t('header.signedInAs', { name: me.name })}>
              <span className="me__dot" style={{ background: me.color }} aria-hidden="true" />
              <span className="me__name">{me.name}</span>
            </span>
          )}
          <button type="button" className="button button--quiet" onClick={openNameDialog}>
            {t('header.changeName')}
          </button>
          <LanguageSelect />
        </div>
      </div>
    </header>
  );
}
