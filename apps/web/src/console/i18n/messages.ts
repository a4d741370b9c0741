import { registerMessages } from '../../app/i18n/i18n';
import fr from './fr.json';

// The organisers' console's, the officers' and the invitation page's messages, loaded with them only.
registerMessages('console', fr, async () => (await import('./en.json')).default);
