// The load generator (evidence-load, remark workload of every demo organisation) submits
// through the RPC node for about a minute; once the RPC node's pool holds hundreds of them,
// dave is killed with SIGKILL and, twenty seconds later, started again on its database.
// Afterwards every transaction the generator submitted is finalized, none failed, none was
// refused but for the pool share (Custom(4), seen by the generator), every block that carried
// them has the same hash on all five nodes, and all of them agree on one finalized head past
// those blocks.
const { execFile } = require('node:child_process');
const path = require('node:path');

const NODES = ['alice', 'bob', 'charlie', 'dave', 'rpc'];

function runLoad(wsUri) {
  const load = path.join(path.dirname(process.env.EVIDENCE_NODE), 'evidence-load');
  const args = ['--url', wsUri, '--workload', 'remark', '--count', '40000', '--seconds', '60',
    '--operators', '4', '--drain-seconds', '240'];
  return new Promise((resolve, reject) => {
    execFile(load, args, { maxBuffer: 256 << 20 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`evidence-load failed: ${error.message}\n${stderr}`));
      resolve(JSON.parse(stdout));
    });
  });
}

async function run(_node, networkInfo) {
  const lib = await import('../lib/consortium.mjs');
  const { connectAll, disconnectAll, finalized, killNode, startNode, rpcCall, rpcUp, sleep, step, waitFor } = lib;
  return step('killed-under-load', async () => {
    let failed = null;
    const load = runLoad(networkInfo.nodesByName.rpc.wsUri).catch((error) => { failed = error; });
    // Under load: the generator has added its operators and its remarks fill the pool.
    const pending = await waitFor('the load to reach the pool', 180, async () => {
      if (failed) throw failed;
      const waiting = (await rpcCall(networkInfo, 'rpc', 'author_pendingExtrinsics')).length;
      return waiting >= 500 && waiting;
    });
    const command = killNode(networkInfo, 'dave');
    console.log(`killed-under-load: dave killed with ${pending} transactions waiting in the RPC node's pool`);
    await sleep(20_000);
    startNode(networkInfo, 'dave', command);
    await waitFor('dave to serve RPC again', 60, () => rpcUp(networkInfo, 'dave'));
    const report = await load;
    if (failed) throw failed;
    console.log(`killed-under-load: ${report.submitted} submitted, ${report.finalized_transactions} finalized `
      + `in ${report.blocks.length} blocks, ${report.failed_transactions} failed, ${report.submit_errors} refused`);
    // The generator outruns the chain: beyond an organisation's pool share the node refuses
    // at submission (Custom(4), the client sees it); nothing else may refuse.
    const otherRefusals = Object.keys(report.submit_error_kinds).filter((why) => !why.includes('Custom error: 4'));
    if (report.submitted < 1_000 || report.finalized_transactions !== report.submitted
      || report.failed_transactions !== 0 || otherRefusals.length > 0) {
      throw new Error(`${report.finalized_transactions} of ${report.submitted} finalized, ${report.failed_transactions} failed `
        + `(first: ${report.first_failure}), refused: ${JSON.stringify(report.submit_error_kinds)}`);
    }
    const last = Math.max(...report.blocks.map((b) => b.number));
    const apis = await connectAll(networkInfo, NODES);
    try {
      await waitFor(`every node to finalize #${last}`, 240, async () => {
        const heads = await Promise.all(NODES.map((name) => finalized(apis[name])));
        return heads.every((head) => head.number >= last);
      });
      for (const name of NODES) {
        for (const block of report.blocks) {
          const hash = (await apis[name].rpc.chain.getBlockHash(block.number)).toHex();
          if (hash !== block.hash) throw new Error(`${name} has ${hash} at #${block.number}, the generator saw ${block.hash} finalized`);
        }
      }
      // One finalized head for all: the lowest of their heads is in every node's finalized chain.
      const heads = await Promise.all(NODES.map((name) => finalized(apis[name])));
      const common = Math.min(...heads.map((head) => head.number));
      const hashes = await Promise.all(NODES.map(async (name) => (await apis[name].rpc.chain.getBlockHash(common)).toHex()));
      if (new Set(hashes).size !== 1) throw new Error(`the nodes disagree at finalized #${common}: ${hashes.join(', ')}`);
      console.log(`killed-under-load: every node holds the ${report.blocks.length} blocks (#${report.blocks[0].number}–#${last}) and finalized #${common} alike`);
      return report.finalized_transactions;
    } finally {
      await disconnectAll(apis);
    }
  })();
}

module.exports = { run };
