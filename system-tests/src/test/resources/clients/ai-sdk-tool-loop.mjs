// A tool loop through the Vercel AI SDK's Anthropic provider, as an app would write it.
// Usage: ROUTER=http://127.0.0.1:PORT MODEL=alias node ai-sdk-tool-loop.mjs generate|stream
// Prints one JSON line: the text, steps, finish reason, usage, the tool's calls and any errors.
import { generateText, streamText, tool, stepCountIs } from 'ai';
import { createAnthropic } from '@ai-sdk/anthropic';
import { z } from 'zod';

const anthropic = createAnthropic({ baseURL: process.env.ROUTER + '/v1', apiKey: 'client-key' });
const calls = [];
const errors = [];
const tools = {
  get_weather: tool({
    description: 'The current weather in a city',
    inputSchema: z.object({ city: z.string() }),
    execute: async ({ city }) => { calls.push(city); return { city, celsius: 21 }; },
  }),
};
const settings = {
  model: anthropic(process.env.MODEL), tools, stopWhen: stepCountIs(4), maxRetries: 0,
  prompt: 'What is the weather in Paris?',
};
let out;
try {
  if (process.argv[2] === 'stream') {
    const result = streamText({ ...settings, onError: ({ error }) => errors.push(String(error?.stack ?? error)) });
    let text = '';
    for await (const part of result.textStream) text += part;
    out = { text, steps: (await result.steps).length, finishReason: await result.finishReason, usage: await result.totalUsage };
  } else {
    const result = await generateText(settings);
    out = { text: result.text, steps: result.steps.length, finishReason: result.finishReason, usage: result.totalUsage };
  }
} catch (e) {
  errors.push(String(e?.stack ?? e));
}
console.log(JSON.stringify({ ...out, calls, errors }));
