import type { Command } from 'commander';
import type { Detector } from '../detect/detector.js';
import { UsageError } from './usage-error.js';

export interface DetectorFlags {
  model?: string;
  threshold?: string;
  region?: string;
}

/** The flags every command that classifies shares. */
export function addDetectorOptions(command: Command): Command {
  return command
    .option('--model <file>', 'model file written by `tagwatch train` (default: the bundled model)')
    .option(
      '--threshold <score>',
      "posts scoring at or above it are ads (default: the model's, 0..1)",
    )
    .option(
      '--region <code>',
      'country for phone numbers written without one, e.g. FR, BE, GB (default: guessed per post from its place hashtags and language)',
    );
}

export interface DetectorSettings {
  model?: string;
  threshold?: number;
  region?: string;
}

/** The flags, checked: a threshold in [0, 1], a two-letter country. */
export function detectorSettings(flags: DetectorFlags): DetectorSettings {
  let threshold: number | undefined;
  if (flags.threshold !== undefined) {
    threshold = Number(flags.threshold);
    if (!Number.isFinite(threshold) || threshold < 0 || threshold > 1) {
      throw new UsageError(
        `--threshold must be a number between 0 and 1, not "${flags.threshold}"`,
      );
    }
  }
  const region = flags.region?.toUpperCase();
  if (region !== undefined && !/^[A-Z]{2}$/.test(region)) {
    throw new UsageError(
      `--region must be a two-letter country code such as FR or GB, not "${flags.region}"`,
    );
  }
  return { model: flags.model, threshold, region };
}

/**
 * Loads the detector on demand: its lexicons, model and language data weigh some hundred
 * megabytes, which commands that only read posts should not pay for.
 */
export async function detectorFromFlags(flags: DetectorFlags): Promise<Detector> {
  const settings = detectorSettings(flags);
  const { Detector } = await import('../detect/detector.js');
  const { loadModel } = await import('../detect/model.js');
  return new Detector({
    model: settings.model ? loadModel(settings.model) : undefined,
    threshold: settings.threshold,
    region: settings.region,
  });
}
