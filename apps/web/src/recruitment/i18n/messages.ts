import { registerMessages } from '../../app/i18n/i18n';
import fr from './fr.json';

// The invitation letter's answer page: loaded with it only.
registerMessages('recruitment', fr, async () => (await import('./en.json')).default);
