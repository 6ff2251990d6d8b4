// `weir run <flow>`: runs a flow locally with the worker's engine and providers (echo without
// OPENAI_API_KEY) and prompts from flows/prompts/*.json, printing the trace as it goes.
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { checkInput, parseFlow, runFlow, type Flow, type RunResult } from '../../worker/engine';
import { createLlmClient, describeProviders, providerConfigFromEnv } from '../../worker/providers';
import { useColor } from '../lib/color';
import { envWithDevVars } from '../lib/dev-vars';
import { CliError, ExitCode, usageError } from '../lib/errors';
import { display, readJson, resolveFlowArg } from '../lib/files';
import { problemLine } from '../lib/problems';
import { filePromptResolver } from '../lib/prompt-resolver';
import { tracePrinter } from '../lib/trace-printer';

interface RunOptions {
  input?: string;
  example?: string;
  json?: boolean;
}

function loadFlow(path: string): Flow {
  const read = readJson(path);
  if (read.error !== undefined) throw new CliError(`${display(path)}: ${read.error}`);
  const parsed = parseFlow(read.value);
  if (!parsed.valid || !parsed.flow) {
    for (const p of parsed.problems.filter((x) => x.severity === 'error')) console.error(problemLine(display(path), p));
    throw new CliError(`${display(path)} is not a valid flow; nothing ran`);
  }
  return parsed.flow;
}

function inputFor(flow: Flow, opts: RunOptions): unknown {
  if (opts.input !== undefined && opts.example !== undefined) throw usageError('pass --input or --example, not both');
  if (opts.input !== undefined) {
    try {
      return JSON.parse(opts.input) as unknown;
    } catch (err) {
      throw usageError(`--input is not valid JSON: ${(err as Error).message}`);
    }
  }
  const names = (flow.examples ?? []).map((e) => e.name);
  if (opts.example === undefined) throw usageError(`pass --input '<json>' or --example NAME (examples: ${names.join(', ') || 'none'})`);
  const example = flow.examples?.find((e) => e.name === opts.example);
  if (!example) throw usageError(`flow "${flow.id}" has no example "${opts.example}" (examples: ${names.join(', ') || 'none'})`);
  return example.input;
}

function printSummary(result: RunResult, color: boolean): void {
  const { usage } = result;
  const prompts = result.prompts.map((p) => `${p.ref} → v${p.version}`).join(', ');
  const parts = [
    `${result.status} in ${result.durationMs}ms`,
    `${usage.calls} model call(s)`,
    `${usage.inputTokens} in / ${usage.outputTokens} out tokens`,
  ];
  if (prompts) parts.push(`prompts: ${prompts}`);
  console.error(parts.join(' · '));
  if (result.status === 'failed' && result.error) {
    const at = result.error.nodeId ? ` at node ${result.error.nodeId}` : '';
    console.error(`${color ? '\x1b[31mfailed\x1b[0m' : 'failed'}${at}: ${result.error.message} [${result.error.code}]`);
  }
}

export function runCommand(program: Command): void {
  program
    .command('run')
    .description('run a flow locally with the real engine and providers; prompts come from flows/prompts/')
    .argument('<flow>', 'a flow file, or a flow id in flows/')
    .option('-i, --input <json>', 'the input as JSON, e.g. \'{"question": "..."}\'')
    .option('-e, --example <name>', "use one of the flow's examples as input")
    .option('--json', 'print the RunResult as JSON (no live trace)')
    .addHelpText(
      'after',
      `
Providers come from the same settings as the local worker's: OPENAI_API_KEY (+ OPENAI_BASE_URL) or
PROVIDERS, from .dev.vars beside flows/ and the environment (the environment wins); without them the
offline echo provider answers.

Examples:
  weir run health-explainer --example heart
  weir run flows/support-x1000.json --input '{"question": "My X1000 will not charge"}'
  weir run health-explainer -e general --json`,
    )
    .action(async (flowArg: string, opts: RunOptions) => {
      const path = resolveFlowArg(flowArg);
      const flow = loadFlow(path);
      const input = inputFor(flow, opts);
      const inputProblems = checkInput(flow, input);
      if (inputProblems.length) {
        for (const p of inputProblems) console.error(`input: ${p.path}: ${p.message} [${p.code}]`);
        throw new CliError(`the input does not match flow "${flow.id}"'s input declaration; nothing ran`);
      }
      // The same provider settings `npm start` gives the worker: .dev.vars, under the shell's variables.
      const { env, fromDevVars } = envWithDevVars();
      const config = providerConfigFromEnv(env);
      const color = useColor(process.stderr);
      const printer = tracePrinter(color);
      if (!opts.json) {
        const providers = describeProviders(config)
          .map((p) => `${p.name}: ${p.type}`)
          .join(', ');
        const source = fromDevVars.length
          ? `; ${fromDevVars.filter((k) => /^(OPENAI_|PROVIDERS$)/.test(k)).join(', ') || 'nothing'} from .dev.vars`
          : '';
        console.error(`running ${flow.id} (providers: ${providers}${source})`);
      }
      const result = await runFlow(flow, input, {
        llm: createLlmClient(config),
        prompts: filePromptResolver(join(dirname(path), 'prompts')),
        onEvent: opts.json ? undefined : printer.onEvent,
      });
      printer.finish();
      if (opts.json) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
      else {
        if (result.status === 'ok') process.stdout.write(JSON.stringify(result.output, null, 2) + '\n');
        printSummary(result, color);
      }
      if (result.status !== 'ok') throw new ExitCode(1);
    });
}
