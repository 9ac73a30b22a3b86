import { text } from '../../setting-rows/setting.js';

/**
 * The static source's own setting rows; shared/settings/table.ts joins them into the one table,
 * and the runtime, CDK and `npm start` read them by key (the key is the StaticSettings field).
 */
export const staticSettings = {
  staticDatapointsFile: text({ env: 'STATIC_DATAPOINTS_FILE', optional: true, section: 'evaluator', deployTo: ['evaluator'], context: true,
    doc: 'A JSON file `{"<series>": [1, 2.5, …]}` the `static` source reads at every evaluation (demos, tests); edit it to drive alarms. Unset = no static source.' }),
};
