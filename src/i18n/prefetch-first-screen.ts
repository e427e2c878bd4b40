// Imported first by main.tsx: runs before the main chunks are evaluated
// (see first-screen-texts.ts).
import { prefetchFirstScreenTexts } from './first-screen-texts';

prefetchFirstScreenTexts();
