import { registerMessages } from '../../app/i18n/i18n';
import fr from './fr.json';

// The participatory budget's messages, loaded with the modules that say them.
registerMessages('budget', fr, async () => (await import('./en.json')).default);
