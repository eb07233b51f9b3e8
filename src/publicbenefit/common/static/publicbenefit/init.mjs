// Starts GOV.UK Frontend's components (error summary focus, header menu, notification banners).
// Every page works without it.
import { initAll } from '../govuk/govuk-frontend.min.js';

initAll();
