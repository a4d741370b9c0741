import { registerMessages } from '../../app/i18n/i18n';
import fr from './fr.json';

// The citizen votes' messages (identification, ballot, results), loaded with the modules that say them.
registerMessages('referendum', fr, async () => (await import('./en.json')).default);
