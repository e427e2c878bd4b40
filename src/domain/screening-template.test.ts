import { describe, expect, it } from 'vitest';
import {
  adaptTemplate,
  currentTemplate,
  isTemplateInUse,
  screeningTemplateContentSchema,
} from './screening-template';

describe('adapting a template', () => {
  const shipped = screeningTemplateContentSchema.parse({
    id: 'aplis-safety',
    version: 1,
    language: 'en',
    title: 'Safety screening',
    questions: ['a', 'b', 'c', 'd'].map((id) => ({
      id,
      text: `Question ${id}?`,
      risk: { yes: 'red', no: 'green', unsure: 'amber' },
    })),
  });

  it('makes a copy with a new id and the next version, leaving the original alone', () => {
    const before = structuredClone(shipped);
    const copy = adaptTemplate(
      shipped,
      { title: 'Our screening', questions: shipped.questions.slice(0, 3) },
      [2],
    );
    expect(copy.id).not.toBe(shipped.id);
    expect(copy.version).toBe(3);
    expect(copy.basedOn).toBe('aplis-safety@1');
    expect(copy.questions).toHaveLength(3);
    expect(shipped).toEqual(before);
  });

  it('knows when a version is in use, and the newest copy in a language wins', () => {
    expect(isTemplateInUse(shipped, [{ id: 'aplis-safety', version: 1 }])).toBe(true);
    expect(isTemplateInUse(shipped, [{ id: 'aplis-safety', version: 2 }])).toBe(false);
    const copy = adaptTemplate(shipped, { title: 'Ours', questions: shipped.questions }, []);
    expect(currentTemplate(shipped, [copy])).toBe(copy);
    expect(currentTemplate(shipped, [{ ...copy, language: 'lv' }])).toBe(shipped);
  });

  it('a copy adapted from an older shipped version gives way when a new version ships', () => {
    const copy = adaptTemplate(shipped, { title: 'Ours', questions: shipped.questions }, []);
    const copyOfCopy = adaptTemplate(copy, { title: 'Ours again', questions: copy.questions }, [
      copy.version,
    ]);
    expect(currentTemplate(shipped, [copy, copyOfCopy])).toBe(copyOfCopy);
    const newShipped = { ...shipped, version: 2, title: 'Safety screening, version 2' };
    expect(currentTemplate(newShipped, [copy, copyOfCopy])).toBe(newShipped);
  });
});
