import { registerMessages } from '../../app/i18n/i18n';
import fr from './fr.json';

// The account page's messages (identities, the person's data, deletion), loaded with it.
registerMessages('account', fr, async () => (await import('./en.json')).default);
