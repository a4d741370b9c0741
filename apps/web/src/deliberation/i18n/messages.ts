import { registerMessages } from '../../app/i18n/i18n';
import fr from './fr.json';

// The live room's, the minutes' and the assembly pages' messages, loaded with those pages only.
registerMessages('deliberation', fr, async () => (await import('./en.json')).default);
