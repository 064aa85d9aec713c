// Runs Amazon's APL validator (apl-suggester's StaticAplTemplateValidator) over every
// *.json file in a folder, each {"document": …, "datasources": …} as the skill sent them, and
// prints one JSON object: file name -> the findings, each {level, path, message}.
//
// Findings come two ways: validate() returns the schema's (marked WARNING or ERROR), and the
// structural checks (an unknown layout, a package that cannot be loaded) report through the
// ErrorController, which by default drops them; they are collected here.
//
//   NODE_PATH=<apl-suggester's node_modules> node apl_validate.js FOLDER
'use strict';
const fs = require('fs');
const path = require('path');

// The validator logs its own progress with console.log; keep stdout for the findings.
console.log = (...args) => process.stderr.write(args.join(' ') + '\n');
const suggester = require('apl-suggester');

const reported = [];
const controller = suggester.ErrorController.getInstance();
controller.registerErrors();
controller.setErrorInterface({
  sendError: (error) =>
    reported.push({
      level: error.level === undefined ? 'ERROR' : String(error.level).toUpperCase(),
      path: String((error.placeholders || {}).path || ''),
      message: `${error.code}: ${JSON.stringify(error.placeholders || {})}`,
    }),
});

async function main(folder) {
  const validator = new suggester.StaticAplTemplateValidator();
  const findings = {};
  for (const name of fs.readdirSync(folder).filter((f) => f.endsWith('.json')).sort()) {
    const sent = JSON.parse(fs.readFileSync(path.join(folder, name), 'utf8'));
    reported.length = 0;
    const found = [
      ...(await validator.validate(sent.document)),
      ...(await validator.validateDataSources(sent.datasources || {})),
    ].map((f) => ({ level: f.level || 'ERROR', path: f.path, message: f.errorMessage }));
    findings[name] = [...found, ...reported];
  }
  process.stdout.write(JSON.stringify(findings));
}

main(process.argv[2]).catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(2);
});
