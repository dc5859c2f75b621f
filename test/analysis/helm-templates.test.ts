import { describe, expect, it } from 'vitest';
import { valuesReference } from '../../src/analysis/helm-templates.js';

describe('the .Values path a Helm action hands on whole', () => {
  it('reads one reference through quoting, required and default', () => {
    expect(valuesReference('{{ .Values.database.name | quote }}')).toEqual(['database', 'name']);
    expect(valuesReference('{{- .Values.db.host -}}')).toEqual(['db', 'host']);
    expect(valuesReference('{{ $.Values.global.postgresql.database }}')).toEqual(['global', 'postgresql', 'database']);
    expect(valuesReference('{{ required "set database.name" .Values.database.name | squote }}')).toEqual(['database', 'name']);
    expect(valuesReference('{{ .Values.database.name | default "platform" | quote }}')).toEqual(['database', 'name']);
    expect(valuesReference('{{ .Values.db.port | toString }}')).toEqual(['db', 'port']);
    expect(valuesReference('{{ .Values.db.name | default "two words" | quote }}')).toEqual(['db', 'name']);
  });

  it('reads nothing it would have to render: other functions, variables, two actions, text around', () => {
    for (const action of [
      '{{ include "billing.db" . }}',
      '{{ printf "%s-db" .Values.name }}',
      '{{ tpl .Values.database.name . }}',
      '{{ $v | quote }}',
      '{{ .Values.database.name | upper }}',
      '{{ .Values.database.name | default .Values.fallback }}',
      '{{ .Values.database.name }}-{{ .Values.env }}',
      '{{ .Release.Name }}',
      '{{ (index .Values "db").name }}',
      '{{ .Values.a..b }}',
      '{{ .Values.database.name | default "unclosed }}',
      'mysql://{{ .Values.db.host }}/app',
      '{{ .Values.unclosed',
      '',
    ])
      expect(valuesReference(action), action).toBeUndefined();
  });
});
