import { registerMessages } from '../../app/i18n/i18n';
import fr from './fr.json';

// The petitions' and amendments' messages, loaded with the modules that say them.
registerMessages('agenda', fr, async () => (await import('./en.json')).default);
