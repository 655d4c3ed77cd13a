{{/* Chart name, truncated to the 63 characters a label allows. */}}
{{- define "kubepath.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name: the release name, or release-chart when the release name does not contain the chart name. */}}
{{- define "kubepath.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "kubepath.selectorLabels" -}}
app.kubernetes.io/name: {{ include "kubepath.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "kubepath.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "kubepath.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "kubepath.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "kubepath.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* Fails the render on auth values that would leave kubepath open or unable to start. */}}
{{- define "kubepath.validateAuth" -}}
{{- $a := .Values.auth }}
{{- if not (has $a.mode (list "none" "proxy-headers" "jwt")) }}
{{- fail (printf "auth.mode must be none, proxy-headers or jwt, not %q" $a.mode) }}
{{- end }}
{{- if and (eq $a.mode "proxy-headers") (empty $a.trustedProxies) }}
{{- fail "auth.mode=proxy-headers needs auth.trustedProxies: the CIDRs of the auth proxy's pods (identity headers from anyone else are refused)" }}
{{- end }}
{{- if and (eq $a.mode "jwt") (or (empty $a.jwt.jwksUrl) (empty $a.jwt.issuer) (empty $a.jwt.audience)) }}
{{- fail "auth.mode=jwt needs auth.jwt.jwksUrl, auth.jwt.issuer and auth.jwt.audience" }}
{{- end }}
{{- if and (eq $a.mode "none") (not $a.allowUnauthenticated) }}
{{- fail "auth.mode=none: kubepath would refuse to start on a pod address; set auth.allowUnauthenticated=true to expose it without sign-in (not recommended)" }}
{{- end }}
{{- end }}
