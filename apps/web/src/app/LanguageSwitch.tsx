import { useTranslation } from './i18n/i18n';
import { changeLanguage } from './i18n/i18n';

/** Switches between French and English; the choice is remembered in this browser. */
export function LanguageSwitch() {
  const { i18n, t } = useTranslation();
  const other = i18n.language === 'en' ? 'fr' : 'en';
  return (
    <button type="button" className="language-switch" lang={other} onClick={() => void changeLanguage(other)} aria-label={t('app.language.switchTo')}>
      {other === 'en' ? 'English' : 'Français'}
    </button>
  );
}
