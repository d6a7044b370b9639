import type { CaseView } from '#domain';
import type { CasesRepository, DiskFileStore, DocumentsRepository, MaterialsRepository, OrgsRepository } from '#persistence';
import { privateSealKeyOf } from './documents/seal-keys';
import { sealDocument, sm3 } from '#seal';
import { ApplicationFailure } from '@temporalio/common';
import { documentBody } from './documents/document-templates';
import { chineseDate, renderDocumentPdf } from './documents/render-document';

export interface DocumentActivityDeps {
  cases: CasesRepository;
  documents: DocumentsRepository;
  materials: MaterialsRepository;
  orgs: OrgsRepository;
  files: DiskFileStore;
  /** A CJK TrueType font (ZWT_CJK_FONT). */
  fontPath: string;
  /** SEAL_MASTER_KEY: encrypts the departments' private seal keys at rest. */
  masterKey: string;
}

export function createDocumentActivities(deps: DocumentActivityDeps) {
  const { cases, documents, materials, orgs, files, fontPath, masterKey } = deps;

  const privateKeyOf = (orgId: string) => privateSealKeyOf(documents, orgId, masterKey);

  return {
    /**
     * Renders every document the case issued as a PDF, stores it and seals the sealed ones with the
     * issuing department's SM2 key. Idempotent by case, step and title: a retry or a later call
     * renders only what is new.
     */
    async issueCaseDocuments(view: CaseView): Promise<number> {
      // Documents belong to filed cases: a case workflow started without a filing (tests) has none.
      if (!(await cases.findById(view.caseId))) return 0;
      let issued = 0;
      const steps = [...view.steps, ...view.current.map((s) => ({ token: s.token, actions: [] as CaseView['steps'][number]['actions'] }))];
      for (const doc of view.documents) {
        const existing = await documents.find(view.caseId, doc.stepToken, doc.title);
        if (existing) {
          // Sealed after it was issued (a seal action on its own): sign the stored PDF now.
          if (doc.sealed && !existing.signature) {
            const pdf = await files.get(existing.sha256);
            if (!pdf) throw new Error(`document file ${existing.sha256} is missing`);
            await documents.setSignature(existing.id, sealDocument(pdf, { privateKeyPem: await privateKeyOf(existing.orgId) }).signature);
          }
          continue;
        }
        const action = steps.find((s) => s.token === doc.stepToken)?.actions.find((a) => a.at === doc.issuedAt);
        const orgId = action?.actorOrgId;
        const org = orgId ? await orgs.findById(orgId) : null;
        if (!org) throw ApplicationFailure.nonRetryable(`case ${view.caseId}: no issuing organisation for ${doc.title}`, 'DOCUMENT_ISSUER_UNKNOWN');
        const pdf = await renderDocumentPdf(
          {
            title: doc.title,
            documentNumber: `${view.caseNumber}-${doc.stepToken.replace('#', '-')}`,
            caseNumber: view.caseNumber,
            itemCode: doc.itemCode,
            itemName: doc.itemName,
            applicantName: doc.applicantName,
            body: documentBody(doc.title, {
              applicantName: doc.applicantName,
              itemName: doc.itemName,
              itemCode: doc.itemCode,
              caseNumber: view.caseNumber,
              receivedOn: chineseDate(new Date(view.receivedAt)),
              opinion: doc.opinion,
            }),
            ...(doc.decision ? { decision: doc.decision } : {}),
            opinion: doc.opinion,
            issuerName: org.name,
            issuedAt: new Date(doc.issuedAt).toISOString(),
          },
          { fontPath, stamp: doc.sealed },
        );
        const stored = await files.put(pdf, 'application/pdf');
        await materials.recordFile({ sha256: stored.sha256, size: stored.size, contentType: stored.contentType });
        const seal = doc.sealed ? sealDocument(pdf, { privateKeyPem: await privateKeyOf(org.id) }) : null;
        await documents.insert({
          caseId: view.caseId,
          stepToken: doc.stepToken,
          title: doc.title,
          orgId: org.id,
          sha256: stored.sha256,
          sm3: seal?.digest ?? sm3(pdf).toString('hex'),
          signature: seal?.signature ?? null,
          issuedAt: new Date(doc.issuedAt),
        });
        // 证照 into the shared library: the applicant's later applications that ask for it reuse it.
        const filed = await cases.findById(view.caseId);
        if (doc.decision === 'approved' && filed?.applicantId) {
          await materials.addMaterial({
            applicantId: filed.applicantId,
            name: doc.title,
            sha256: stored.sha256,
            validUntil: null,
            uploadedBy: filed.filedBy,
            provenance: 'issued',
            caseId: filed.id,
          });
        }
        issued += 1;
      }
      return issued;
    },
  };
}

export type DocumentActivities = ReturnType<typeof createDocumentActivities>;
