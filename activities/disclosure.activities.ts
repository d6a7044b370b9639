import type { CaseAlarm, DisclosureAlarm, DisclosureRequestView } from '#domain';
import type { CaseAlarmsRepository, DisclosureRequestsRepository, DiskFileStore, DocumentsRepository, MaterialsRepository } from '#persistence';
import { sealDocument } from '#seal';
import { addresseeOf, disclosureDocumentBody } from './disclosure-documents';
import { privateSealKeyOf } from './documents/seal-keys';
import { renderDocumentPdf } from './documents/render-document';

export interface DisclosureActivityDeps {
  requests: DisclosureRequestsRepository;
  alarms: CaseAlarmsRepository;
  documents: DocumentsRepository;
  materials: MaterialsRepository;
  files: DiskFileStore;
  /** A CJK TrueType font (ZWT_CJK_FONT). */
  fontPath: string;
  /** SEAL_MASTER_KEY */
  masterKey: string;
}

/**
 * Stands in the supervision office's alarm list (case_alarms) for the matter: an application has no
 * catalog item, so its alarms are listed under this name and the application's number.
 */
export const DISCLOSURE_ALARM_ITEM = '依申请公开';

export function createDisclosureActivities(deps: DisclosureActivityDeps) {
  const { requests, alarms, documents, materials, files, fontPath, masterKey } = deps;

  const privateKeyOf = (orgId: string) => privateSealKeyOf(documents, orgId, masterKey);

  return {
    /** Writes the application's row; only a newer revision changes it (idempotent, ordered). */
    async projectDisclosureRequest(view: DisclosureRequestView): Promise<void> {
      await requests.project(view);
    },

    /** Stores the alarms where supervision lists case alarms; idempotent by application and alarm key. */
    async recordDisclosureAlarms(input: { requestId: string; number: string; alarms: DisclosureAlarm[] }): Promise<void> {
      await alarms.recordRaised({
        caseId: input.requestId,
        caseNumber: input.number,
        itemCode: DISCLOSURE_ALARM_ITEM,
        alarms: input.alarms.map((a) => ({ key: a.key, kind: a.kind as CaseAlarm['kind'], level: a.level, token: null, dueAt: a.dueAt, message: a.message })),
      });
    },

    /**
     * Renders each document the application issued as a PDF sealed by the agency, and stores it.
     * Idempotent by application and document key: a retry or a later call renders only what is new.
     */
    async issueDisclosureDocuments(view: DisclosureRequestView): Promise<number> {
      // Documents belong to registered applications: a workflow started without one (tests) has none.
      if (!(await requests.findById(view.requestId))) return 0;
      let issued = 0;
      for (const doc of view.documents) {
        if (await requests.findDocument(view.requestId, doc.key)) continue;
        const pdf = await renderDocumentPdf(
          {
            title: doc.title,
            documentNumber: view.number,
            caseNumber: view.number,
            itemCode: '',
            itemName: '政府信息公开申请',
            applicantName: addresseeOf(view, doc),
            body: disclosureDocumentBody(view, doc),
            opinion: '',
            issuerName: view.agency.name,
            issuedAt: new Date(doc.issuedAt).toISOString(),
          },
          { fontPath, stamp: true },
        );
        const stored = await files.put(pdf, 'application/pdf');
        await materials.recordFile({ sha256: stored.sha256, size: stored.size, contentType: stored.contentType });
        const seal = sealDocument(pdf, { privateKeyPem: await privateKeyOf(view.agency.orgId) });
        await requests.insertDocument({
          requestId: view.requestId,
          documentKey: doc.key,
          title: doc.title,
          orgId: view.agency.orgId,
          sha256: stored.sha256,
          sm3: seal.digest,
          signature: seal.signature,
          issuedAt: new Date(doc.issuedAt),
        });
        issued += 1;
      }
      return issued;
    },
  };
}

export type DisclosureActivities = ReturnType<typeof createDisclosureActivities>;
