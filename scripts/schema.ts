// `npm run schema`: writes schemas/devices.schema.json from the inventory's key table.
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { inventorySchema } from '../src/core/inventory/schema';
import { BUILTIN_PLATFORMS } from '../src/core/platforms/builtins';

const file = path.resolve(__dirname, '../../schemas/devices.schema.json');
writeFileSync(file, JSON.stringify(inventorySchema([...BUILTIN_PLATFORMS.keys()]), null, 2) + '\n');
process.stdout.write(`wrote ${file}\n`);
